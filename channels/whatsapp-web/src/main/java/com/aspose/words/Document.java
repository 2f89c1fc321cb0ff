package com.aspose.words;

import java.io.InputStream;
import java.io.OutputStream;

/** Stand-in (see package-info): cannot be created. */
public class Document {

    public Document(InputStream in) {
        throw new UnsupportedOperationException("Aspose.Words is not bundled with Pincer");
    }

    public int getPageCount() {
        throw new UnsupportedOperationException("Aspose.Words is not bundled with Pincer");
    }

    public SaveOutputParameters save(OutputStream out, SaveOptions options) {
        throw new UnsupportedOperationException("Aspose.Words is not bundled with Pincer");
    }
}
