/**
 * A request a page refuses. It carries what http-errors carries (`status`, `expose`) and the
 * code the mounting app answers it with, so the api's one error handler gives it the one JSON
 * error shape without the pages knowing that handler.
 */
export class PageRequestError extends Error {
  readonly status: number;
  readonly expose = true;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'PageRequestError';
    this.status = status;
    this.code = code;
  }
}
