package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path

/**
 * A browser for specs: curl with a cookie jar, talking to the local Apache for a host name as a
 * real browser would (--resolve gives the right Host header and SNI without DNS).
 */
class Browser {
    final String host
    final boolean https
    final Path cookies = Files.createTempFile('ldt-cookies', '.txt')

    Browser(String host, boolean https) {
        this.host = host
        this.https = https
    }

    String base() {
        (https ? 'https://' : 'http://') + host
    }

    /** [status, body, contentType, redirect] of a GET. */
    Map get(String path) {
        curl([base() + path])
    }

    /** Logs in through LAVA's login form: the CSRF token from the form, a POST with a Referer. */
    Map login(String user, String password, String next = '/scheduler/myjobs') {
        String form = get('/accounts/login/').body
        String token = (form =~ /name="csrfmiddlewaretoken" value="([^"]+)"/)[0][1]
        curl(['-H', "Referer: ${base()}/accounts/login/".toString(), '--data-urlencode', "csrfmiddlewaretoken=${token}".toString(),
              '--data-urlencode', "username=${user}".toString(), '--data-urlencode', "password=${password}".toString(),
              '--data-urlencode', "next=${next}".toString(), base() + '/accounts/login/'])
    }

    /** The attributes of a cookie in the jar: [name: ..., secure: true|false]. */
    Map cookie(String name) {
        def line = Files.readAllLines(cookies).find { !it.startsWith('# ') && it.split('\t').size() >= 7 && it.split('\t')[5] == name }
        line == null ? null : [name: name, secure: line.split('\t')[3] == 'TRUE']
    }

    private Map curl(List<String> args) {
        Path body = Files.createTempFile('ldt-body', '.html')
        int port = https ? 443 : 80
        def command = ['curl', '-s', '-k', '--max-time', '30', '--resolve', "${host}:${port}:127.0.0.1".toString(),
                       '-c', cookies.toString(), '-b', cookies.toString(), '-o', body.toString(),
                       '-w', '%{http_code}\t%{content_type}\t%{redirect_url}'] + args
        def p = new ProcessBuilder(command).start()
        String[] meta = p.inputStream.text.split('\t', -1)
        p.waitFor()
        def result = [status: meta[0] as int, contentType: meta[1], redirect: meta[2], body: Files.readString(body)]
        Files.delete(body)
        result
    }
}
