export type {
  FeedCadence, FetchFailureReason, FetchOutcome, FetchSettings, PollBounds, PollPlan, PollResult, SourceFetchState,
} from './contract.ts';
