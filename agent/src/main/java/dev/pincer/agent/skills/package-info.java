/**
 * Skills: {@code SKILL.md} files (frontmatter {@code name}, {@code description}) shipped in the
 * agent jar and kept in the group's {@code skills/} folder. Only names and descriptions go into
 * the system prompt; the {@code Skill} tool loads a body. Depends only on the agent's log.
 */
package dev.pincer.agent.skills;
