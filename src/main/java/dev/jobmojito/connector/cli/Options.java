package dev.jobmojito.connector.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name=value} options of the commands. */
final class Options {

    private static final List<String> OWN = List.of("mapping", "input", "sample");

    private Options() {
    }

    static Map<String, String> parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
            }
        }
        return options;
    }

    /** The options meant for the settings (--connector.*, --jobmojito.*), without the command's own. */
    static String[] passThrough(String... args) {
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "";
            if (!OWN.contains(name)) {
                rest.add(arg);
            }
        }
        return rest.toArray(String[]::new);
    }

    /** A mapping given as a file path, or as a name in the mappings folder. */
    static Path mappingFile(String argument, Path mappingsFolder) {
        Path asPath = Path.of(argument);
        if (Files.exists(asPath) || argument.endsWith(".yaml") || argument.endsWith(".yml")) {
            return asPath;
        }
        Path named = mappingsFolder.resolve(argument + ".yaml");
        return Files.exists(named) ? named : mappingsFolder.resolve(argument + ".yml");
    }
}
