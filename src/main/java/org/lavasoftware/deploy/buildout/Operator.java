package org.lavasoftware.deploy.buildout;

/** How an option line contributes to a value: it sets it, or adds or removes lines of it. */
public enum Operator {
    ASSIGN("="),
    ADD("+="),
    REMOVE("-=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
