/** The iframe route (embed.html?w=ntk-drift&lr=0.5): one widget alone on the page. */
import { mount } from 'svelte';
import EmbedPage from './EmbedPage.svelte';
import '../ui/page.css';

const app = document.getElementById('app')!;
// embed.html's message for a page whose scripts never ran.
app.replaceChildren();
mount(EmbedPage, { target: app });
