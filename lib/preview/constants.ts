/** Message sources shared with code injected into the page's main world, which must not pull zod in. */

/** `source` of what the main-world observer (main-world.ts) posts to the agent. */
export const MAIN_WORLD_SOURCE = 'tagpoint-preview-main';

/** `source` of what the agent posts to the main-world helper to really send an event. */
export const AGENT_SEND_SOURCE = 'tagpoint-preview-agent';
