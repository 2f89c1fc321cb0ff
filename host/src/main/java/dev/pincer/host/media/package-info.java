/**
 * Media: the files that come with messages ({@link dev.pincer.host.media.MediaIntake}: fetched by the
 * host, capped, kept content-addressed in the group's media folder, which the sandbox sees read-only
 * at {@code /workspace/group/inbox}, with a scaled image, a PDF's text or a voice note's transcript
 * for the model), recorded per message ({@link dev.pincer.host.media.AttachmentStore}), and how they
 * appear in the prompt ({@link dev.pincer.host.media.AttachmentTags}). May depend on {@code channel},
 * {@code config}, {@code store} and {@code outbox}.
 */
package dev.pincer.host.media;
