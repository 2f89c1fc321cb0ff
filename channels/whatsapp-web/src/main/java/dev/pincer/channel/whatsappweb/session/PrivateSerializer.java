package dev.pincer.channel.whatsappweb.session;

import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.Controller;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.mobile.PhoneNumber;
import java.util.LinkedList;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Cobalt's own protobuf serializer, writing into the session folder, with the folder tightened
 * (0700/0600, {@link SessionFolder#tighten()}) after each write: the library creates its files and
 * folders with the process's default permissions.
 */
final class PrivateSerializer implements ControllerSerializer {

    private final ControllerSerializer inner;
    private final SessionFolder folder;

    PrivateSerializer(SessionFolder folder) {
        this.inner = ControllerSerializer.toProtobuf(folder.cobalt());
        this.folder = folder;
    }

    @Override
    public LinkedList<UUID> listIds(ClientType type) {
        return inner.listIds(type);
    }

    @Override
    public LinkedList<PhoneNumber> listPhoneNumbers(ClientType type) {
        return inner.listPhoneNumbers(type);
    }

    @Override
    public CompletableFuture<Void> serializeKeys(Keys keys, boolean async) {
        return inner.serializeKeys(keys, async).thenRun(folder::tighten);
    }

    @Override
    public CompletableFuture<Void> serializeStore(Store store, boolean async) {
        return inner.serializeStore(store, async).thenRun(folder::tighten);
    }

    @Override
    public Optional<Keys> deserializeKeys(ClientType type, UUID id) {
        return inner.deserializeKeys(type, id);
    }

    @Override
    public Optional<Keys> deserializeKeys(ClientType type, PhoneNumber phoneNumber) {
        return inner.deserializeKeys(type, phoneNumber);
    }

    @Override
    public Optional<Keys> deserializeKeys(ClientType type, String alias) {
        return inner.deserializeKeys(type, alias);
    }

    @Override
    public Optional<Store> deserializeStore(ClientType type, UUID id) {
        return inner.deserializeStore(type, id);
    }

    @Override
    public Optional<Store> deserializeStore(ClientType type, PhoneNumber phoneNumber) {
        return inner.deserializeStore(type, phoneNumber);
    }

    @Override
    public Optional<Store> deserializeStore(ClientType type, String alias) {
        return inner.deserializeStore(type, alias);
    }

    @Override
    public void deleteSession(Controller<?> controller) {
        inner.deleteSession(controller);
    }

    @Override
    public void linkMetadata(Controller<?> controller) {
        inner.linkMetadata(controller);
        folder.tighten();
    }

    @Override
    public CompletableFuture<Void> attributeStore(Store store) {
        return inner.attributeStore(store);
    }
}
