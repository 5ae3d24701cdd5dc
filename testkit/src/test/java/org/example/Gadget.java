package org.example;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/** A Java-serializable class outside RuleGrid and Hazelcast: what a deserialization attack would send. */
public class Gadget implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How often a member deserialized a gadget; a refused one never gets here. */
    public static final AtomicInteger DESERIALIZED = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        DESERIALIZED.incrementAndGet();
    }
}
