// The Claude Agent SDK's own start, for bench/run: one prompt against ANTHROPIC_BASE_URL (the
// bench's fake model); the bench times process start -> first model request and then ends it.
import { query } from '@anthropic-ai/claude-agent-sdk';

const q = query({ prompt: 'ping', options: { maxTurns: 1, cwd: process.cwd(), settingSources: [] } });
try {
  for await (const m of q) {
    if (m.type === 'result') break;
  }
} catch (e) {
  console.error('peer: ' + e);
  process.exit(1);
}
process.exit(0);
