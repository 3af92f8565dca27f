package org.lavasoftware.deploy.support

/** Asks for an instance's page every 50 ms in the background and keeps every answer, for "served throughout". */
class PagePoller {
    private final String host
    private final List<Integer> answers = Collections.synchronizedList([])
    private volatile boolean running = true
    private final Thread thread

    PagePoller(String host) {
        this.host = host
        this.thread = Thread.start {
            while (running) {
                def p = new ProcessBuilder('curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '5',
                        '--resolve', "${host}:80:127.0.0.1".toString(), "http://${host}/".toString()).start()
                answers << (p.inputStream.text.trim() as int)
                p.waitFor()
                Thread.sleep(50)
            }
        }
    }

    /** Stops polling and returns every status seen. */
    List<Integer> stop() {
        running = false
        thread.join()
        new ArrayList<>(answers)
    }
}
