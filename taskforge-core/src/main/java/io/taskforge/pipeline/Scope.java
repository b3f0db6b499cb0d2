package io.taskforge.pipeline;

/** What references resolve against while a run is decided. */
interface Scope {
    /** The value a reference names, or null when there is none. */
    Object resolve(Reference ref);
}
