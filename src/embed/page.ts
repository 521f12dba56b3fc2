/** The iframe route (embed.html?w=ntk-drift&lr=0.5): one widget alone on the page. */
import { mount } from 'svelte';
import EmbedPage from './EmbedPage.svelte';
import '../ui/page.css';

mount(EmbedPage, { target: document.getElementById('app')! });
