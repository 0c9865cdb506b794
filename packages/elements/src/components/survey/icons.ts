import { nothing, svg, type SVGTemplateResult } from 'lit';

// Stroke icons on a 24-unit grid, drawn for this project. Decorative only:
// every icon sits beside its text label, so they are aria-hidden.

/** The thumb of the thumbs scale (flipped for thumbs down). */
export const THUMB = 'M7 10v11H3V10zM7 10l4-7c1.5 0 2.5 1 2.2 2.6L12.6 9H19a2 2 0 0 1 2 2.3l-1.3 7.6A2.5 2.5 0 0 1 17.2 21H7';

export function icon(path: string, flip = false): SVGTemplateResult {
  return svg`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" transform=${flip ? 'scale(1,-1)' : nothing}><path d=${path}/></svg>`;
}
