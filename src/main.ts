import { mount } from 'svelte';
import App from './App.svelte';
import './ui/page.css';

mount(App, { target: document.getElementById('app')! });
