package dev.edr.cli;

/** Entry point of the {@code edr} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("edr: no commands yet");
        System.exit(2);
    }
}
