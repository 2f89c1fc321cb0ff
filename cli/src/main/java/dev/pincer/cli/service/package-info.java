/**
 * {@code ./pincer service}: the service definition that runs {@code ./pincer start} at boot or login
 * and restarts it when it fails, rendered for its {@link dev.pincer.cli.service.ServiceKind}: a
 * systemd user unit, a systemd system unit (as root) or a launchd agent (macOS). Pure rendering and
 * file placement; depends on nothing of Pincer but the JDK.
 */
package dev.pincer.cli.service;
