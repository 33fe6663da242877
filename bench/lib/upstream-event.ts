/** One upstream Web API request as the emulator saw it (token requests excluded). */
export interface UpstreamEvent {
  /** Epoch ms when the request reached the emulator. */
  t: number;
  /** The status it was answered with; 0 when the socket closed without an answer. */
  status: number;
}
