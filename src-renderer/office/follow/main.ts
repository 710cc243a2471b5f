/**
 * The follow page's entry (follow.html, served at /t/{token}): the token is the last part of
 * the page's own path, never in a query string.
 */
import { phoneLanguage } from './follow-texts';
import { startFollowPage } from './start-follow';
import './follow.css';

const token = decodeURIComponent(window.location.pathname.split('/').filter(Boolean).at(-1) ?? '');
const root = document.getElementById('follow-root');
if (root) startFollowPage(root, token, phoneLanguage(navigator.languages ?? []));
