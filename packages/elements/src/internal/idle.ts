/** Idle time after the page's load event, or 2 s at most; a timer where requestIdleCallback is missing (Safari). */
export function afterLoadIdle(run: () => void): void {
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 200));
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}
