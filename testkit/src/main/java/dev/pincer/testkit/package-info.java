/**
 * Fakes for the tests of every module: the model APIs {@link dev.pincer.testkit.FakeAnthropic}
 * (Messages API) and {@link dev.pincer.testkit.FakeOpenAI} (Chat Completions), which share their
 * HTTP plumbing in {@link dev.pincer.testkit.FakeModelServer} and their scripts in
 * {@link dev.pincer.testkit.Reply}, {@link dev.pincer.testkit.EchoMcpServer}, an MCP server, and
 * {@link dev.pincer.testkit.HostProcesses}, which finds leftover processes on the host.
 * Depends on Jackson, the MCP SDK and the JDK's HTTP server only, never on Pincer's own modules.
 */
package dev.pincer.testkit;
