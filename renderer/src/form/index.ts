/** The parameter form's pure logic: schema -> fields, text parsing, dotted paths, issue placement. */
export * from './schema-fields.js';
export * from './paths.js';
export * from './issues.js';
export * from './run-options.js';
export * from './sweep.js';
export * from './cost-confirm.js';
export * from './file-fields.js';
