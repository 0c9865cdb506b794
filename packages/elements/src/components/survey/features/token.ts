// Loaded only when a window token is given (the token attribute or the page's cx_token parameter).
export { decodeWindowToken } from '@cx-survey/protocol';
