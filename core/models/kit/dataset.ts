/**
 * A dataset handed to a model kind: parsed by the engine (core reads no files), checked before a
 * run starts. Tables are named numeric columns; image sets are one Float64Array per image.
 */

/** A table of numeric columns, all of the same length. */
export interface TableDataset {
  readonly type: 'table';
  readonly columns: readonly { readonly name: string; readonly values: Float64Array }[];
  /** Columns the kind declared as text (`InputSpec.textColumns`), e.g. a train/test split. */
  readonly textColumns?: readonly { readonly name: string; readonly values: readonly string[] }[];
  readonly rows: number;
}

/** Images of one size; pixel values row-major, channels interleaved, in [0, 1]. */
export interface ImageDataset {
  readonly type: 'images';
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly images: readonly Float64Array[];
  /** One label per image when the source has them (e.g. digits), otherwise absent. */
  readonly labels?: readonly number[];
}

/** A trained model an earlier run stored (its `ArtifactResult`), with the library's id (SHA-256 of its content). */
export interface ArtifactDataset {
  readonly type: 'artifact';
  readonly id: string;
  readonly format: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly data: Float64Array;
}

export type Dataset = TableDataset | ImageDataset | ArtifactDataset;

/** The numeric column called `name`, or undefined. */
export function tableColumn(table: TableDataset, name: string): Float64Array | undefined {
  return table.columns.find((c) => c.name === name)?.values;
}

/** The text column called `name`, or undefined. */
export function tableTextColumn(table: TableDataset, name: string): readonly string[] | undefined {
  return table.textColumns?.find((c) => c.name === name)?.values;
}
