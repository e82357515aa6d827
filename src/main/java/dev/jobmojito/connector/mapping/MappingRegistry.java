package dev.jobmojito.connector.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The mappings of {@code CONNECTOR_MAPPINGS}, by name. All are checked when the connector starts; a file edited
 * while it runs is loaded again on next use, and if the edit broke it, files for that mapping are quarantined
 * with the mapping's errors while the rest of the connector goes on.
 */
public final class MappingRegistry {

    private final Path directory;
    private final MappingLoader loader;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(Mapping mapping, FileTime modified) {
    }

    public MappingRegistry(Path directory, MappingLoader loader) {
        this.directory = directory;
        this.loader = loader;
    }

    public Path directory() {
        return directory;
    }

    /** Every mapping file of the folder. */
    public List<Path> files() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> p.getFileName().toString().matches("[^.].*\\.ya?ml"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * Loads every mapping.
     *
     * @return every problem of every file; empty when all load
     */
    public List<MappingError> loadAll() throws IOException {
        List<MappingError> errors = new ArrayList<>();
        for (Path file : files()) {
            try {
                Mapping mapping = loader.load(file);
                loaded.put(mapping.name(), new Loaded(mapping, Files.getLastModifiedTime(file)));
            } catch (MappingException e) {
                errors.addAll(e.errors());
            }
        }
        return errors;
    }

    public List<Mapping> all() {
        return loaded.values().stream().map(Loaded::mapping).sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    /**
     * The mapping of that name, loaded again if its file changed.
     *
     * @throws MappingException when there is no such file or it does not load
     */
    public Mapping get(String name) {
        Path file = fileOf(name);
        if (file == null) {
            throw new MappingException(List.of(new MappingError(directory.resolve(name + ".yaml").toString(), 1,
                    "no mapping named \"" + name + "\" (the file " + directory.resolve(name + ".yaml")
                            + " does not exist; the folder holds " + names() + ")")));
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Loaded current = loaded.get(name);
            if (current != null && current.modified().equals(modified)) {
                return current.mapping();
            }
            Mapping mapping = loader.load(file);
            loaded.put(name, new Loaded(mapping, modified));
            return mapping;
        } catch (IOException e) {
            throw new MappingException(List.of(new MappingError(file.toString(), 1, "cannot read: " + e.getMessage())));
        }
    }

    private Path fileOf(String name) {
        for (String extension : List.of(".yaml", ".yml")) {
            Path file = directory.resolve(name + extension);
            if (Files.isRegularFile(file) && !name.contains("/") && !name.contains("\\")) {
                return file;
            }
        }
        return null;
    }

    private List<String> names() {
        try {
            return files().stream().map(MappingLoader::nameOf).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
