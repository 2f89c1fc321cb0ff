package dev.pincer.host.proxy;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that reads only through {@link #read(byte[], int, int)}; its one-byte read goes through it too. */
abstract class ArrayInputStream extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
