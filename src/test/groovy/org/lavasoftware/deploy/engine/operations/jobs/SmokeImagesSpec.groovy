package org.lavasoftware.deploy.engine.operations.jobs

import java.nio.file.Files
import java.nio.file.Path
import java.util.zip.GZIPInputStream
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.text.Mappers
import spock.lang.Specification

/** The smoke job's ramdisk and definition, as the kernel, LAVA's overlays and its schema read them. */
class SmokeImagesSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "the ramdisk is a gzip'd newc cpio: busybox, an executable /init, a console device, the usual directories"() {
        given:
        Path busybox = Files.write(dir.resolve('busybox'), 'ELF...'.bytes)
        Path ramdisk = dir.resolve('ramdisk.cpio.gz')

        when:
        SmokeImages.writeRamdisk(busybox, ramdisk)
        Map<String, CpioArchiveEntry> entries = [:]
        Map<String, byte[]> contents = [:]
        new CpioArchiveInputStream(new GZIPInputStream(Files.newInputStream(ramdisk))).withCloseable { cpio ->
            for (def e = cpio.nextEntry; e != null; e = cpio.nextEntry) {
                entries[e.name] = e
                contents[e.name] = cpio.readAllBytes()
            }
        }

        then:
        entries.keySet().containsAll(['bin', 'dev', 'proc', 'sys', 'tmp', 'dev/console', 'init', 'bin/busybox'])
        entries['init'].format == CpioArchiveEntry.FORMAT_NEW
        (entries['init'].mode & 0777) == 0755
        new String(contents['init']).startsWith('#!/bin/busybox sh\n')
        new String(contents['init']).contains("PS1='/ # '")
        contents['bin/busybox'] == 'ELF...'.bytes
        entries['dev/console'].isCharacterDevice()
        entries['dev/console'].remoteDeviceMaj == 5 && entries['dev/console'].remoteDeviceMin == 1
    }

    def "the smoke job names the root's images and waits for the ramdisk's prompt; it is also the qemu health check"() {
        given:
        def images = new SmokeImages(new LavaRoot(dir))

        when:
        String text = SmokeJob.definition(images, 'smoke test')
        def job = Mappers.readYaml(text, 'the smoke job')

        then:
        job.get('device_type').asText() == 'qemu'
        job.get('job_name').asText() == 'smoke test'
        text.contains("url: file://${dir}/.cache/smoke/vmlinuz")
        text.contains("url: file://${dir}/.cache/smoke/ramdisk.cpio.gz")
        job.get('actions').get(1).get('boot').get('prompts').get(0).asText() == '/ # '
        job.get('actions').get(2).get('test').get('definitions').get(0).get('repository').get('run').get('steps').size() == 2
        SmokeJob.isOwn(SmokeJob.healthCheck(images))
        !SmokeJob.isOwn('device_type: qemu\n')
    }
}
