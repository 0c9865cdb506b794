/**
 * The ingest pipeline as a module the SQLite store runs in its writer thread (Store.host): bodies
 * of one record are parsed, validated and stored there, beside the only writing connection.
 */
import type { HostedFactory } from '../store/types.js';
import { createSubmitter, type Submission, type SubmissionReply, type SubmitConfig } from './submit.js';

const host: HostedFactory<SubmitConfig, Submission, SubmissionReply> = (config, store) => createSubmitter(config, store);
export default host;
