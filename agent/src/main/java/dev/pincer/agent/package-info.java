/**
 * The agent that runs inside the sandbox: {@link dev.pincer.agent.AgentMain} (entry point and exit
 * codes), {@link dev.pincer.agent.AgentConfig} (environment), {@link dev.pincer.agent.Agent} (one
 * run from start input to result) and {@link dev.pincer.agent.AgentLoop} (model/tool turns).
 */
package dev.pincer.agent;
