/**
 * Agent teams: the {@code Task} tool that starts sub-agents from agent definitions
 * ({@code agents/<type>.md} of the group, or the global ones), their limits (parallel, depth, turns,
 * tokens, the run's time), the fence that keeps a shared sub-agent's file tools out of other types'
 * memory folders, sandboxed teammates started through the host ({@code start_teammate}), and the
 * teammate mode of an agent started as one. See docs/DESIGN.md, "Sub-agents".
 */
package dev.pincer.agent.team;
