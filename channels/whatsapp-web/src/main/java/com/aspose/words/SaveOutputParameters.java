package com.aspose.words;

/** Stand-in (see package-info). */
public class SaveOutputParameters {
}
