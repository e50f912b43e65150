import type { RegistryError } from './client';

/** A sentence for a person about a failed registry call, saying what to do next. */
export function describeRegistryError(error: RegistryError): string {
  switch (error.kind) {
    case 'network':
      return `${error.message}. Is the registry running, and is its URL in the settings right?`;
    case 'timeout':
      return `${error.message}. Try again; if it persists, check the registry.`;
    case 'unauthorized':
      return `The registry does not accept this token (${error.message}). Check the token in the settings.`;
    case 'forbidden':
      return `The token is not allowed to do this: ${error.message}.`;
    case 'invalid':
      return `The registry refused the config: ${error.message}. Fix the tags below and publish again.`;
    case 'too-large':
      return `The config is larger than this registry accepts (${error.message}).`;
    case 'rate-limited':
      return `The registry refused too many wrong tokens from this address; try again in ${error.retryAfter ?? 60} s with the right token.`;
    case 'conflict':
      return `Someone published revision ${error.currentRevision ?? '?'} meanwhile.`;
    case 'bad-response':
      return `${error.message}. Is the URL in the settings a Tagpoint registry?`;
    default:
      return error.message;
  }
}
