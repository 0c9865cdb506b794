import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isResponse, loadDelivery } from '../delivery/load.js';

export interface KioskHost extends ReactiveControllerHost, HTMLElement {
  /** Back to the start screen with every answer wiped. */
  restart(): void;
}

/**
 * Kiosk behaviour for a shared tablet in a field office: back to the start
 * screen a few seconds after the thank-you and after a stretch of inactivity,
 * so no respondent's answers are left for the next person; and a count, for
 * staff, of responses still waiting to be sent.
 */
export class KioskController implements ReactiveController {
  /** Responses on this device not yet acknowledged by the collector. */
  waiting = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private unsubscribe?: () => void;
  private readonly activity = () => this.armIdle();

  constructor(
    private host: KioskHost,
    private settings: () => { enabled: boolean; resetAfter: number; idleAfter: number },
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

  /** Called when the thank-you shows: restart after `resetAfter` seconds. */
  thanked(): void {
    const { enabled, resetAfter } = this.settings();
    if (!enabled) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.host.restart(), resetAfter * 1000);
  }

  /** Called on every interaction with the survey: restart after `idleAfter` seconds of none. */
  armIdle(): void {
    const { enabled, idleAfter } = this.settings();
    if (!enabled) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.host.restart(), idleAfter * 1000);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
