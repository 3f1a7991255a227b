package io.ledgerflow.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs {@link FakeService} into an executable jar, so the launcher runs it exactly like a service. */
final class FakeServiceJar {

    private FakeServiceJar() {
    }

    static Path write(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        Files.createDirectories(jar.getParent());
        String entryName = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream classFile = FakeService.class.getClassLoader().getResourceAsStream(entryName)) {
            out.putNextEntry(new JarEntry(entryName));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
