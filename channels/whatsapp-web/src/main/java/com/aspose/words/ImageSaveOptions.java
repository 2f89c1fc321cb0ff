package com.aspose.words;

/** Stand-in (see package-info): cannot be created. */
public class ImageSaveOptions extends SaveOptions {

    public ImageSaveOptions(int saveFormat) {
        throw new UnsupportedOperationException("Aspose.Words is not bundled with Pincer");
    }
}
