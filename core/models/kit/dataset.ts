/**
 * A dataset handed to a model kind: parsed by the engine (core reads no files), checked before a
 * run starts. Tables are named numeric columns; image sets are one Float64Array per image.
 */

/** A table of numeric columns, all of the same length. */
export interface TableDataset {
  readonly type: 'table';
  readonly columns: readonly { readonly name: string; readonly values: Float64Array }[];
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

export type Dataset = TableDataset | ImageDataset;
