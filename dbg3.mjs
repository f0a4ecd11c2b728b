import { main } from './dist/cli.js';
