// What every source format offers the checks: the values an `at` selects, each with its place.

import type { Scalar, Span } from '../types';

export interface SelectedValue {
  /** Where the value is written: usually the source file, but e.g. a tfvars file that supplied it. */
  file: string;
  span: Span;
  /** Short name for messages: the last key (`minLength`, `members[3]`). */
  name: string;
  /** The value, typed: scalars as read; lists and maps as plain JS values. */
  value: unknown;
  /** The expression, when the value cannot be known statically. */
  unknown?: string;
  /** How the value was reached, when not written in place (`var.min_length ← terraform.tfvars`). */
  via?: string;
  /** Sibling fields (the enclosing object, the CSV row) for `where` filters. */
  row?: (field: string) => Scalar | undefined;
}

export type Selection = { ok: true; values: SelectedValue[] } | { ok: false; message: string; offset?: number };

export interface SourceProblem {
  message: string;
  file: string;
  span: Span;
}

export interface LoadedSource {
  file: string;
  format: string;
  /** Set when the file could not be parsed; `select` then selects nothing. */
  problem?: SourceProblem;
  /** Other files this source depends on (a Terraform module's sibling files), for re-checking. */
  reads?: string[];
  select(at: string): Selection;
  /** Selectors worth offering while a policy writer types `at:` (paths, addresses, columns). */
  suggest?(): string[];
}

/** Reads sibling files (a Terraform module spans a folder). */
export interface LoadContext {
  read(rel: string): { ok: true; text: string } | { ok: false };
  list(): string[];
}

export interface SourceFormat {
  name: string;
  /** Lower-case file name tests, e.g. by extension. */
  accepts(file: string): boolean;
  load(file: string, text: string, context: LoadContext): LoadedSource;
}
