/**
 * Stand-ins for the four Aspose.Words types Cobalt 0.0.10 names (not Aspose's code, which is neither
 * on Maven Central nor bundled). Cobalt's media class ({@code it.auties.whatsapp.util.Medias}) uses
 * Aspose only to count a document's pages and draw its thumbnail, inside {@code catch (Throwable)},
 * but the JVM's verifier needs these types to load that class at all: without them every media
 * download and upload fails with {@code NoClassDefFoundError: com/aspose/words/SaveOptions}. Each
 * constructor throws, so Cobalt falls back to one page and no thumbnail. Used by nothing else;
 * remove this package when Cobalt drops Aspose.
 */
package com.aspose.words;
