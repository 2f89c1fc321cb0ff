package com.aspose.words;

/** Stand-in (see package-info). */
public abstract class SaveOptions {
}
