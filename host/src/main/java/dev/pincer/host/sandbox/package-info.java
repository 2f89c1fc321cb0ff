/**
 * OS sandboxes for agent runs (DESIGN section 5): {@link dev.pincer.host.sandbox.MountPlan} decides
 * what a group's sandbox sees, {@link dev.pincer.host.sandbox.SandboxRuntime} starts it (bubblewrap
 * today), {@link dev.pincer.host.sandbox.SandboxProcess} enforces the wall-clock limit, and
 * {@link dev.pincer.host.sandbox.Sandboxes} refuses to go on when no runtime passes its self-test.
 */
package dev.pincer.host.sandbox;
