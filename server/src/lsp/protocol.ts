// Messages between the Tenet client and server beyond standard LSP (shared by both bundles).

export const STATUS_NOTIFICATION = 'tenet/status';

export interface StatusParams {
  state: 'ok' | 'error' | 'disabled' | 'indexing';
  policies: number;
  requirements: number;
  /** Requirements whose status is drift. */
  drift: number;
  errors: number;
  warnings: number;
  /** ISO timestamp of the last completed check. */
  lastCheck?: string;
  message?: string;
}

export const LINT_WORKSPACE_COMMAND = 'tenet.lintWorkspace';

/** The `tenet` settings section, as the server reads it. */
export interface TenetSettings {
  enable: boolean;
  /** Pin "today" (YYYY-MM-DD) for reproducible demos; empty = tenet.yaml or the real date. */
  today: string;
  /** Severity overrides by rule id. */
  rules: Record<string, 'error' | 'warning' | 'info' | 'off'>;
  /** Delay after a keystroke before re-checking, in milliseconds. */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: TenetSettings = { enable: true, today: '', rules: {}, debounceMs: 200 };
