package io.httplib.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block in README.md and docs/*.md compiles against the real modules. A
 * block with a type declaration is compiled as a source file; any other block as the body of a
 * method. Blocks meant as fragments use another fence language (e.g. {@code ```text}).
 */
class DocsSnippetsCompileTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\s*\\n(.*?)^```");
    private static final Pattern TYPE_DECL = Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(abstract\\s+)?(class|record|interface|enum)\\s+\\w+");
    private static final String DEFAULT_IMPORTS = String.join("\n",
            "import java.io.*;", "import java.net.*;", "import java.nio.charset.*;", "import java.nio.file.*;",
            "import java.time.*;", "import java.util.*;", "import io.httplib.*;", "import io.httplib.event.*;", "");

    @TempDir
    Path out;

    @Test
    void everyJavaSnippetInTheDocsCompiles() throws IOException {
        Path root = projectRoot();
        List<Path> markdown = new ArrayList<>();
        markdown.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(markdown::add);
        }
        List<JavaFileObject> sources = new ArrayList<>();
        for (Path md : markdown) {
            Matcher m = JAVA_BLOCK.matcher(Files.readString(md, StandardCharsets.UTF_8));
            int n = 0;
            while (m.find()) {
                String name = "Snippet_" + md.getFileName().toString().replaceAll("\\W", "_") + "_" + (++n);
                sources.add(source(name, m.group(1), md + " block " + n));
            }
        }
        assertThat(sources).as("java snippets found in the docs").hasSizeGreaterThan(3);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        boolean ok = compiler.getTask(diagnostics, null, null,
                List.of("-d", out.toString(), "-classpath", classpath, "-proc:none", "-Xlint:none"),
                null, sources).call();
        assertThat(ok).as("docs snippets compile:\n%s", diagnostics).isTrue();
    }

    private static JavaFileObject source(String name, String snippet, String origin) {
        List<String> imports = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.split("\n", -1)) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else if (!line.startsWith("package ")) {
                body.append(line).append('\n');
            }
        }
        String code;
        String text = body.toString();
        if (TYPE_DECL.matcher(text).find()) {
            // Top-level types: drop 'public' so several can share one file.
            text = text.replaceAll("(?m)^public\\s+((final\\s+|abstract\\s+)?(class|record|interface|enum))", "$1");
            code = DEFAULT_IMPORTS + String.join("\n", imports) + "\n// " + origin + "\n" + text
                    + "\nclass " + name + " {}\n";
        } else {
            code = DEFAULT_IMPORTS + String.join("\n", imports) + "\n// " + origin + "\nclass " + name
                    + " {\n@SuppressWarnings(\"unused\") void run() throws Exception {\n" + text + "\n}\n}\n";
        }
        return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    private static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs")) || p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        assertThat(p).as("project root with docs/ and mvnw").isNotNull();
        return p;
    }
}
