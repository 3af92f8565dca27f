package org.lavasoftware.deploy.buildout;

/** One option line that shaped a value: its operator, its text as written, and where it is. */
public record Contribution(Operator operator, String text, Origin origin) {

    @Override
    public String toString() {
        return operator.symbol() + " " + origin;
    }
}
