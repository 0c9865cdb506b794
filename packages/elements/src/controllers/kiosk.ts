import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isResponse, loadDelivery } from '../delivery/load.js';

/** Seconds the inactivity warning stays before answers are wiped: WCAG 2.2.1 asks for at least 20 to respond. */
export const IDLE_WARNING_SECONDS = 30;

export interface KioskHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Back to the start screen with every answer wiped. */
  restart(): void;
}

export interface KioskSettings {
  enabled: boolean;
  resetAfter: number;
  idleAfter: number;
  /** A respondent is on the questions (not the start screen or the thank-you): warn before wiping. */
  answering: boolean;
}

/**
 * Kiosk behaviour for a shared tablet in a field office: back to the start
 * screen a few seconds after the thank-you and after a stretch of inactivity,
 * so no respondent's answers are left for the next person — but never without
 * warning someone still answering (a screen-reader user reading the questions
 * touches nothing); and a count, for staff, of responses still waiting to be sent.
 */
export class KioskController implements ReactiveController {
  /** Responses on this device not yet acknowledged by the collector. */
  waiting = 0;
  /** The "do you need more time?" warning is showing. */
  warning = false;
  private timer?: ReturnType<typeof setTimeout>;
  private unsubscribe?: () => void;
  /** Where focus was when the warning opened, to return it there. */
  private returnFocus?: HTMLElement | null;
  // While the warning shows only its own answer counts: a key press moving focus mid-keystroke
  // would hand the rest of that keystroke (Enter → implicit submit) to the control behind.
  private readonly activity = () => {
    if (!this.warning) this.armIdle();
  };

  constructor(
    private host: KioskHost,
    private settings: () => KioskSettings,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of ['pointerdown', 'keydown', 'input']) this.host.addEventListener(type, this.activity, { capture: true });
    void loadDelivery().then((d) => {
      if (!this.host.isConnected) return;
      // One store read at a time, however many events a flush sends (a batch is 100 "sent"), and none outside kiosk mode.
      let reading = false;
      let stale = false;
      const count = async () => {
        if (!this.settings().enabled) return;
        if (reading) return void (stale = true);
        reading = true;
        do {
          stale = false;
          this.waiting = (await d.pageOutbox().pending()).filter(isResponse).length;
        } while (stale);
        reading = false;
        this.host.requestUpdate();
      };
      this.unsubscribe = d.pageOutbox().subscribe(() => void count());
      void count();
    }, () => {});
  }

  hostDisconnected(): void {
    for (const type of ['pointerdown', 'keydown', 'input']) this.host.removeEventListener(type, this.activity, { capture: true });
    clearTimeout(this.timer);
    this.unsubscribe?.();
  }

  /** The warning is rendered by the host: open it as a modal dialog, with focus on "I need more time". */
  hostUpdated(): void {
    const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.idle');
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('button')?.focus();
    }
  }

  /** Called when the thank-you shows: restart after `resetAfter` seconds. */
  thanked(): void {
    const { enabled, resetAfter } = this.settings();
    if (!enabled) return;
    this.clear();
    this.timer = setTimeout(() => this.host.restart(), resetAfter * 1000);
  }

  /** "I need more time" (or Escape) on the warning: it goes, focus returns where it was, the clock restarts. */
  moreTime(): void {
    void this.endWarning();
    this.armIdle();
  }

  /** Called on every interaction with the survey: warn after `idleAfter` seconds of none. */
  armIdle(): void {
    const { enabled, idleAfter } = this.settings();
    if (!enabled) return;
    this.clear();
    this.timer = setTimeout(() => this.idle(), idleAfter * 1000);
  }

  stop(): void {
    this.clear();
    this.warning = false;
  }

  private clear(): void {
    clearTimeout(this.timer);
  }

  /** Nobody touched anything for `idleAfter` seconds: warn someone still answering, then wipe. */
  private idle(): void {
    if (!this.settings().answering) return this.host.restart();
    const root = this.host.renderRoot as ShadowRoot;
    this.returnFocus = root.activeElement as HTMLElement | null;
    this.warning = true;
    this.host.requestUpdate();
    this.timer = setTimeout(() => this.host.restart(), IDLE_WARNING_SECONDS * 1000);
  }

  /** More time: the warning goes and focus returns where it was. */
  private async endWarning(): Promise<void> {
    if (!this.warning) return;
    this.warning = false;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const back = this.returnFocus;
    if (back?.isConnected) back.focus();
    else (this.host as HTMLElement).focus();
  }
}
