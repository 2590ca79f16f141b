/** Defined by the widget bundle's prologue (../assets.ts): the shadow root's stylesheet. */
declare const WIDGET_CSS: string;
