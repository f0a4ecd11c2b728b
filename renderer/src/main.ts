import { mount } from 'svelte';
import App from './App.svelte';
import { getApi } from './api/index.js';
import { registerChartComponents } from '../../view/charts/index.js';
import 'katex/dist/katex.min.css';
import './styles.css';

registerChartComponents();

const target = document.getElementById('app');
if (!target) throw new Error('missing #app element');

mount(App, { target, props: { api: getApi() } });
