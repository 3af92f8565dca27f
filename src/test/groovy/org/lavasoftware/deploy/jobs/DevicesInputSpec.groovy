package org.lavasoftware.deploy.jobs

import java.nio.file.Path
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.operations.devices.DeviceSettings
import org.lavasoftware.deploy.engine.operations.devices.QemuDictionary
import org.lavasoftware.deploy.model.InstanceName
import spock.lang.Specification

/** What `device add` takes, and the dictionary it writes for a QEMU device. */
class DevicesInputSpec extends Specification {
    def "a device name is refused in one line when LAVA or the file system would not take it: '#name'"() {
        when:
        new DeviceSettings(InstanceName.of('demo'), name, 'qemu', null, null)

        then:
        def e = thrown(ToolException)
        e.message.startsWith("device name '${name}' is not valid")
        !e.message.contains('\n')

        where:
        name << ['', '-qemu', '../qemu', 'qemu 01', 'qemu/01', 'x' * 201]
    }

    def "device names LAVA takes are accepted: #name"() {
        expect:
        new DeviceSettings(InstanceName.of('demo'), name, 'qemu', null, null).device() == name

        where:
        name << ['qemu-01', 'qemu_01', 'rpi4.lab', 'A1']
    }

    def "a device of another type than qemu needs its dictionary, and a type is a template's name"() {
        when:
        new DeviceSettings(InstanceName.of('demo'), 'bbb-01', type, dictionary, null)

        then:
        def e = thrown(ToolException)
        e.message.contains(expected)

        where:
        type              | dictionary               || expected
        'beaglebone-black' | null                    || 'needs its dictionary: --dict FILE'
        'qemu.jinja2'     | Path.of('/tmp/x.jinja2') || "device type 'qemu.jinja2' is not a LAVA device type name"
        '../qemu'         | null                     || 'is not a LAVA device type name'
    }

    def "a QEMU device's dictionary extends LAVA's template, emulates where KVM does not work, and has its own MAC"() {
        when:
        String emulated = QemuDictionary.render('demo', 'qemu-01', false)
        String withKvm = QemuDictionary.render('demo', 'qemu-01', true)

        then:
        emulated.contains("{% extends 'qemu.jinja2' %}\n")
        emulated.contains('{% set no_kvm = True %}\n')
        !withKvm.contains('no_kvm')
        emulated =~ /mac_addr = '52:54:00(:[0-9a-f]{2}){3}'/
        QemuDictionary.render('demo', 'qemu-02', false).find(/mac_addr = '[^']+'/) != emulated.find(/mac_addr = '[^']+'/)
        QemuDictionary.render('demo', 'qemu-01', false) == emulated
    }

    def "the journal parameters give back the same device"() {
        given:
        def settings = new DeviceSettings(InstanceName.of('demo'), 'qemu-01', 'qemu', Path.of('/etc/qemu-01.jinja2'), 'w2')

        expect:
        DeviceSettings.fromParameters(settings.parameters()) == settings
    }
}
