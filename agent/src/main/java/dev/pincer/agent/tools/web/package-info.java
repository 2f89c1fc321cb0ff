/**
 * What {@code WebFetch} needs of the web: fetching a page through the sandbox's egress proxy
 * ({@link dev.pincer.agent.tools.web.PageFetcher}) and turning its HTML into readable text
 * ({@link dev.pincer.agent.tools.web.HtmlText}). Depends only on the JDK.
 */
package dev.pincer.agent.tools.web;
