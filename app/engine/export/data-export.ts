/**
 * Data export of runs (CSV in long format, JSON with full provenance). One implementation serves
 * the command line and the app: it is pure and lives in view/, where the renderer builds the same
 * files in the page.
 */
export { CSV_HEADER, csvField, neutraliseCsvText, runsToCsv, runsToJson, runToJson, seriesToJson } from '../../../view/data-export.js';
