import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UiMessageId } from '@cx-survey/protocol';
import { whenDeliveryLoaded } from '../delivery/load.js';
import type { OutboxEvent } from '../delivery/outbox.js';
import { emit } from '../events/base.js';

/** What the respondent is told about their submitted answers ('none': nothing was answered, nothing sent). */
export type DeliveryStatus = 'idle' | 'none' | 'sending' | 'saved' | 'saved-memory' | 'sent' | 'failed';

/** The status line's message for each state worth telling. */
export const STATUS_TEXT: Partial<Record<DeliveryStatus, UiMessageId>> = {
  sending: 'status.sending',
  saved: 'status.saved',
  'saved-memory': 'status.savedMemory',
  sent: 'status.sent',
  failed: 'status.failed',
};

export interface DeliveryStatusOptions {
  /** The service named in events. */
  service(): string;
  /** Says a changed status to screen reader users, once. */
  announce(status: DeliveryStatus): void;
}

/**
 * Follows the delivery of the one record a survey last submitted, through the
 * page's shared outbox: the status line the respondent reads and the
 * `cx-delivery` / `cx-error` events the page hears.
 */
export class DeliveryStatusController implements ReactiveController {
  status: DeliveryStatus = 'idle';
  private id?: string;
  /** Whether that record is on disk (false: in this page's memory only). */
  private durable = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: DeliveryStatusOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Listens once the delivery code is there; it loads on the first answer, on idle, or on submit.
    whenDeliveryLoaded((d) => {
      if (this.host.isConnected && !this.unsubscribe) this.unsubscribe = d.pageOutbox().subscribe((e) => this.onOutbox(e));
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** A record was submitted (or, with no id, nothing was answered): follow it from now on. */
  submitted(id: string | undefined): void {
    this.id = id;
    this.durable = false;
    this.status = id ? 'idle' : 'none';
  }

  /** The record is written to this device (or held in memory); an outcome may already have arrived. */
  queued(durable: boolean): void {
    this.durable = durable;
    if (this.status === 'idle') this.status = 'sending';
    else if (this.status === 'saved-memory' && durable) this.status = 'saved';
    this.host.requestUpdate();
  }

  reset(): void {
    this.status = 'idle';
    this.id = undefined;
  }

  private set(status: DeliveryStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.options.announce(status);
    this.host.requestUpdate();
  }

  private onOutbox(e: OutboxEvent): void {
    if (!this.id || e.id !== this.id) return;
    const service = this.options.service();
    switch (e.type) {
      case 'queued':
        emit(this.host, 'cx-delivery', { service, id: e.id, status: 'queued', durable: e.durable });
        return;
      case 'sent':
        this.set('sent');
        emit(this.host, 'cx-delivery', { service, id: e.id, status: 'sent' });
        return;
      case 'retrying':
        this.set(this.durable ? 'saved' : 'saved-memory');
        emit(this.host, 'cx-delivery', { service, id: e.id, status: 'retrying', attempts: e.attempts, nextAttemptAt: new Date(e.nextAt).toISOString() });
        return;
      default:
        this.set('failed');
        emit(this.host, 'cx-error', { service, code: 'delivery', message: `${e.letter.code}: ${e.letter.message}` });
        emit(this.host, 'cx-delivery', { service, id: e.id, status: e.type });
    }
  }
}
