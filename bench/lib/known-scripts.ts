/** The Lua scripts a call through the worker runs, by name, for the MONITOR trace (redis-command-trace.ts). */
import { ADMISSION_LUA } from '@albumboard/spotify-client';
import { ACQUIRE_SLOT_LUA, EXTEND_PAUSE_LUA, LOWER_LIMIT_LUA } from '@albumboard/worker-spotify/dist/budget/budget-scripts';

/** BullMQ's script sources ({ name, content, keys } each); not a typed entry point of the package. */
const bullmqScripts = require('bullmq/dist/cjs/scripts') as Record<string, { name?: unknown; content?: unknown }>;

export function knownScripts(): Record<string, string> {
  const scripts: Record<string, string> = {
    'albumboard admission': ADMISSION_LUA,
    'albumboard budget gate': ACQUIRE_SLOT_LUA,
    'albumboard pause': EXTEND_PAUSE_LUA,
    'albumboard adaptive limit': LOWER_LIMIT_LUA,
  };
  for (const script of Object.values(bullmqScripts)) {
    if (typeof script.name === 'string' && typeof script.content === 'string') scripts[`BullMQ ${script.name}`] = script.content;
  }
  return scripts;
}
